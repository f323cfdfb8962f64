for i in 1 2 3; do echo "n=$i"; done
n=0; while [ $n -lt 3 ]; do n=$((n+1)); done; echo $n
until [ $n -eq 0 ]; do n=$((n-1)); done; echo done $n
for w in a b c; do [ $w = b ] && continue; echo $w; done
