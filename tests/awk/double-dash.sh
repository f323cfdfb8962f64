echo hi | awk -- '{print $1}'
