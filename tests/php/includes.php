<?php
// The suite writes lib.php next to each case.
echo "main\n";
$r = include 'missing_file.php';
var_dump($r);
echo "continues\n";
