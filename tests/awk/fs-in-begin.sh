echo 'a:b:c' | awk 'BEGIN {FS=":"} {print $2}'
