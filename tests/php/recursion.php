<?php
function fib($n) { return $n < 2 ? $n : fib($n - 1) + fib($n - 2); }
echo fib(20), "\n";
function flatten(array $a): array {
    $out = [];
    foreach ($a as $v) { if (is_array($v)) { $out = array_merge($out, flatten($v)); } else { $out[] = $v; } }
    return $out;
}
echo implode(",", flatten([1, [2, [3, [4]], 5]])), "\n";
function tree($depth) { return $depth == 0 ? [] : ['child' => tree($depth - 1)]; }
echo json_encode(tree(3)), "\n";
