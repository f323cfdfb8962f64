<?php
echo "before\n";
echo "Hi $name!\n";
$a = [1];
echo $a[5] ?? "d", "\n";
echo $a[7], "|\n";
throw new RuntimeException("bad <thing> & \"q\"");
