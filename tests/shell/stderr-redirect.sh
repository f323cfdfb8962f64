ls /nonexistent 2>/dev/null
echo "status $?"
ls /nonexistent 2>&1 | sed 's/^/captured: /'
cat /nope > out.txt 2>&1
cat out.txt
echo err >&2
{ echo one; echo two; } > both.txt
cat both.txt
echo appended >> both.txt
wc -l both.txt
