printf 'k1 apple\nk2 pear\n' > names; printf 'k2 5\nk1 3\n' > counts
awk 'NR==FNR {n[$1]=$2; next} {print $1, n[$1], $2}' names counts
