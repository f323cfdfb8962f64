<?php
$t = "alpha: 1\nbeta: 2\ngamma: 3\n";
var_dump(preg_match('/^beta: (\d+)$/m', $t, $m), $m);
var_dump(preg_match('/^beta/', $t));
var_dump(preg_match_all('/^(\w+):/m', $t, $all), $all[1]);
var_dump(preg_match('/alpha.*gamma/', $t));
var_dump(preg_match('/alpha.*gamma/s', $t));
var_dump(preg_replace('/^/m', '> ', "a\nb"));
var_dump(preg_match('/1$/m', $t), preg_match('/: 2$/', $t));
var_dump(preg_split('/\n/', trim($t)));
