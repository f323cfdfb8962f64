<?php
function f($x) { return $x * 2; }
echo f(2), "\n";
missing_function(1);
echo "not reached\n";
