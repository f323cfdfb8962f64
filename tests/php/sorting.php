<?php
$n = [5, 3, 8, 1];
sort($n); print_r($n);
rsort($n); print_r($n);
$a = ["b" => 2, "c" => 3, "a" => 1];
asort($a); print_r($a);
arsort($a); print_r($a);
ksort($a); print_r($a);
krsort($a); print_r($a);
$s = ["banana", "apple", "Cherry"]; sort($s); print_r($s);
$people = [['n' => 'Bob', 'a' => 30], ['n' => 'Al', 'a' => 25]];
usort($people, fn($x, $y) => $x['a'] <=> $y['a']);
echo $people[0]['n'], "\n";
