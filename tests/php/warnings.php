<?php
echo $undefined;
$arr = [1, 2];
echo $arr[5];
echo $arr["key"];
$n = null;
echo $n["x"];
echo "done\n";
$s = "abc";
echo $s[10];
echo "end\n";
