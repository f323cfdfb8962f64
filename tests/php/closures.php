<?php
$factor = 3;
$mul = function ($x) use ($factor) { return $x * $factor; };
echo $mul(5), "\n";
$add = fn($x) => $x + $factor;
echo $add(1), "\n";
$count = 0;
$inc = function () use (&$count) { $count++; };
$inc(); $inc();
echo $count, "\n";
$nums = [1, 2, 3, 4, 5];
print_r(array_map(fn($n) => $n * $n, $nums));
print_r(array_filter($nums, fn($n) => $n % 2 == 0));
echo array_reduce($nums, fn($c, $n) => $c + $n, 0), "\n";
$strlen = strlen(...);
echo $strlen("abcd"), "\n";
echo implode(",", array_map('strtoupper', ['a', 'b'])), "\n";
usort($nums, fn($a, $b) => $b <=> $a);
echo implode(" ", $nums), "\n";
