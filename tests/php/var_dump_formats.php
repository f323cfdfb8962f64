<?php
var_dump(null, true, false, 0, -12, 1.0, 0.5, 1e100, -0.0, "str", "");
var_dump([]);
var_dump(['a' => 1, 'b' => [true, null], 5 => 2.5]);
$o = new stdClass; $o->name = "x"; $o->list = [1];
var_dump($o);
var_dump(1/3, 1e15, 1e14, 123456789012345678, 0.00001);
