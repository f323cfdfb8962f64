awk 'BEGIN {exit 1} END {print "end ran"; exit}'; echo $?
