<?php
function add(int $a, int $b) { return $a + $b; }
echo add("5", 3), "\n";
echo add("x", 3), "\n";
