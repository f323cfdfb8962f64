printf 'app 1\nweb 2\napp2 3\nmyapp 4\n' > list.txt
grep app list.txt
grep '^app' list.txt
grep -c app list.txt
grep -v app list.txt
grep -n web list.txt
cat list.txt | grep -E 'web|myapp'
grep -w app list.txt
grep -q nothing list.txt; echo $?
