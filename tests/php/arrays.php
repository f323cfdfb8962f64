<?php
$fruits = ["apple", "banana"];
$fruits[] = "cherry";
array_push($fruits, "date");
echo count($fruits), " ", $fruits[2], "\n";
$ages = ["Peter" => 35, "Ben" => 37];
$ages["Joe"] = 43;
foreach ($ages as $name => $age) { echo "$name is $age\n"; }
unset($ages["Ben"]);
print_r($ages);
var_dump(isset($ages["Joe"]), isset($ages["Ben"]), array_key_exists("Peter", $ages), in_array(43, $ages));
print_r(array_keys($ages)); print_r(array_values($ages));
print_r(array_merge([1, 2], [3], ['a' => 'b']));
print_r([1, 2] + [5, 6, 7]);
$m = [[1, 2], [3, 4]]; echo $m[1][0], "\n";
$m[2][1] = 'x'; print_r($m);
list($a, $b) = [10, 20]; [$c, , $d] = [1, 2, 3]; ['x' => $x] = ['x' => 'ex'];
echo "$a $b $c $d $x\n";
echo array_pop($fruits), " ", array_shift($fruits), " ", implode(",", $fruits), "\n";
