printf 'one\ntwo\nthree\n' > f.txt
sed -n 2p f.txt
sed 's/o/0/g' f.txt
sed '1d' f.txt
sed -n '/t/p' f.txt
echo 'hello world' | sed 's/\(hello\) \(world\)/\2 \1/'
echo 'a-b-c' | sed -E 's/(a)-(b)/\2+\1/'
