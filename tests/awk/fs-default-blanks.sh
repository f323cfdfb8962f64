printf '  lead   and\ttabs  \n' | awk '{print NF; print $1 "|" $2 "|" $3}'
