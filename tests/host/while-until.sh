n=0
while [ $n -lt 3 ]; do n=$((n+1)); echo "n=$n"; done
until [ $n -eq 0 ]; do n=$((n-1)); done; echo "back to $n"
printf 'a\nb\nc\n' | while read line; do echo "<$line>"; done
