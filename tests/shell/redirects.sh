echo first > out.txt; echo second >> out.txt; cat out.txt
cat < out.txt | grep sec
echo err 1>&2 2>/dev/null
ls /nonexistent 2>/dev/null || echo "ls failed"
echo both > both.txt 2>&1; cat both.txt
