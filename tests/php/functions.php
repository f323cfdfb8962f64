<?php
function greet($name, $greeting = "Hello") { return "$greeting, $name!"; }
echo greet("Ann"), "\n", greet("Bob", "Hi"), "\n";
function sum(...$nums) { return array_sum($nums); }
echo sum(1, 2, 3), " ", sum(...[4, 5]), "\n";
function fact(int $n): int { return $n <= 1 ? 1 : $n * fact($n - 1); }
echo fact(10), "\n";
function addOne(array &$arr) { $arr[] = 1; }
$a = []; addOne($a); addOne($a); echo count($a), "\n";
function named(int $a, int $b = 2, int $c = 3) { return "$a-$b-$c"; }
echo named(1, c: 9), "\n";
function counter() { static $n = 0; return ++$n; }
counter(); counter(); echo counter(), "\n";
$total = 10;
function useGlobal() { global $total; $total++; return $total; }
echo useGlobal(), " $total\n";
function nullable(?string $s = null): string { return $s ?? "none"; }
echo nullable(), " ", nullable("x"), "\n";
