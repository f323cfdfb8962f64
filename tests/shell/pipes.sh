printf "b\na\nc\na\n" | sort | uniq -c
echo "one two three" | tr a-z A-Z
printf "x\ny\nz\n" | head -n 2 | tail -n 1
printf "l1\nl2\nl3\n" | wc -l
