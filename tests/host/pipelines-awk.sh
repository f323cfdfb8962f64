printf 'alice 30\nbob 25\ncarol 35\n' > people.txt
awk '{print $1}' people.txt
awk '$2 > 28 {print $1, $2}' people.txt
awk '{s += $2} END {print s}' people.txt
echo 'a:b:c' | awk -F: '{print $3}'
awk 'NR==2' people.txt
