<?php
$a = 1; $b = &$a; $b = 2; echo $a, "\n";
$arr = [1, 2, 3];
foreach ($arr as &$v) { $v *= 2; }
unset($v);
print_r($arr);
$copy = $arr; $copy[] = 99; echo count($arr), count($copy), "\n";
function modify(array $x) { $x[] = 1; return count($x); }
echo modify($arr), count($arr), "\n";
$o = new stdClass; $o->n = 1; function bump($obj) { $obj->n++; } bump($o); echo $o->n, "\n";
$matrix = []; $matrix['a']['b']['c'] = 1; echo json_encode($matrix), "\n";
