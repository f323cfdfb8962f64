<?php
$stack = [1, 2, 3];
while (($item = array_pop($stack)) !== null) { echo $item; }
echo "\n";
$queue = ['a', 'b'];
while ($queue) { echo array_shift($queue); }
echo "\n";
$i = 0;
while (true) { if (++$i >= 5) break; }
echo $i, "\n";
$words = ['x' => 1, 'y' => 2];
foreach ($words as $k => $v): echo "$k=$v;"; endforeach;
for ($i = 0; $i < 2; $i++): echo $i; endfor;
$n = 0; while ($n < 2): $n++; endwhile; echo $n;
switch ($n): case 2: echo "two"; break; endswitch;
echo "\n";
