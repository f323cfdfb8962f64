printf 'one 1\ntwo 2\nthree 3\n' > list.txt
while read name num; do
  echo "$num=$name"
done < list.txt
i=0
until [ $i -ge 3 ]; do i=$((i+1)); echo "i=$i"; done
for w in a b c d; do
  [ "$w" = b ] && continue
  [ "$w" = d ] && break
  echo "w=$w"
done
