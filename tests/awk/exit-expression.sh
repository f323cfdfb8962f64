awk 'BEGIN {exit 1+1}'; echo $?
