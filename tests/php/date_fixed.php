<?php
date_default_timezone_set('UTC');
$t = 1700000000;
echo date("Y-m-d H:i:s", $t), "\n";
echo date("D, d M Y", $t), "\n";
echo date("l jS \of F Y h:i:s A", $t), "\n";
echo date("N w z t L y n G g", $t), "\n";
echo date("c", $t), "\n", date("r", $t), "\n", date("U", 0), "\n";
echo date("Y-m-d", mktime(0, 0, 0, 7, 4, 2021)), "\n";
echo date("Y-m-d", strtotime("2024-02-29")), "\n";
var_dump(checkdate(2, 29, 2023), checkdate(2, 29, 2024));
