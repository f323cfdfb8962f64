echo one > out.txt
echo two >> out.txt
cat out.txt
ls /nonexistent 2>/dev/null || echo hidden
ls /nonexistent 2>&1 | head -c 3; echo
cat < out.txt
echo err 1>&2
{ echo a; echo b; } > grouped.txt
cat grouped.txt
