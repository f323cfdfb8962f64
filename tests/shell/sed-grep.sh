printf "apple\nbanana\ncherry\n" > fruits.txt
grep an fruits.txt; grep -c a fruits.txt; grep -v an fruits.txt
sed "s/a/A/g" fruits.txt; sed -i "s/cherry/CHERRY/" fruits.txt; cat fruits.txt
grep nomatch fruits.txt; echo "status $?"
