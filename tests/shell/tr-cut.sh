echo "a   b  c" | tr -s ' '
echo "hello" | tr -s 'l'
echo "aabbcc" | tr -s 'ab' 'xy'
printf 'one two three four\nnodelim\n' | cut -d' ' -f2-3
printf 'one two three four\n' | cut -d' ' -f-2
printf 'one two three four\n' | cut -d' ' -f3-
echo "abcdef" | cut -c2-4
echo "root:x:0:0" | cut -d: -f1,3
