printf 'b\na\nc\na\n' | sort
printf 'b\na\nc\na\n' | sort | uniq
printf 'b\na\nc\na\n' | sort | uniq -c
printf 'one\ntwo\nthree\n' | head -n 2
printf 'one\ntwo\nthree\n' | tail -n 1
printf 'one two\nthree four\n' | wc -l
printf 'a:b:c\n' | cut -d: -f2
echo hello | tr a-z A-Z
printf 'x\ny\n' | xargs echo args:
