<?php
$age = 20;
echo $age >= 18 ? "adult" : "minor", "\n";
echo $age ?: "zero", "\n";
echo 0 ?: "zero", "\n";
echo null ?? "n", "\n";
$a = ['k' => ['n' => null]];
echo $a['k']['n'] ?? $a['k']['m'] ?? 'deep', "\n";
echo true ? 'x' : (false ? 'y' : 'z'), "\n";
var_dump(!empty($a) && isset($a['k']), true xor true, true and false, !0);
