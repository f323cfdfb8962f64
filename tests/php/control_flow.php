<?php
for ($i = 0; $i < 10; $i++) {
    if ($i % 2 == 0) continue;
    if ($i > 7) break;
    echo $i, " ";
}
echo "\n";
$n = 3;
while ($n > 0) { echo "n=$n\n"; $n--; }
do { echo "once\n"; } while (false);
$grade = 85;
if ($grade >= 90) { echo "A\n"; } elseif ($grade >= 80) { echo "B\n"; } else if ($grade >= 70) { echo "C\n"; } else { echo "F\n"; }
for ($i = 0; $i < 3; $i++) { for ($j = 0; $j < 3; $j++) { if ($j == 1) continue 2; if ($i == 2) break 2; echo "$i$j "; } }
echo "\n";
