printf 'b\na\nc\na\nb\n' > in.txt
sort in.txt | uniq
sort in.txt | uniq -c
sort -r in.txt | head -n 2
tail -n 1 in.txt
wc -l < in.txt
echo "Hello World" | tr 'a-z' 'A-Z'
echo "hello" | tr -d 'l'
grep -c a in.txt
grep -v a in.txt
grep nomatch in.txt
echo "grep status $?"
