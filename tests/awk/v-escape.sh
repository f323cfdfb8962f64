awk -v 's=a\tb' 'BEGIN {print s}'
