printf 'x\ny\n' > f.txt
awk 'BEGIN {while ((getline line < "f.txt") > 0) print "got", line; close("f.txt")}'
