<?php
$s = 'a'; $s++; echo $s, "\n";
$z = 'Az'; $z++; echo $z, "\n";
$n = 'zz'; $n++; echo $n, "\n";
$x = null; $x++; var_dump($x);
$y = null; $y--; var_dump($y);
$f = 1.5; $f++; var_dump($f);
$i = PHP_INT_MAX; $i++; var_dump($i);
