<?php
print_r(['a' => 1, 'b' => ['c' => [1, 2], 'd' => null], 'e' => true, 'f' => false, 'g' => 1.50]);
echo "\n";
print_r("string\n");
print_r(42); echo "\n";
$o = new stdClass; $o->x = [1]; print_r($o);
$r = print_r([1], true); echo strlen($r), "\n";
