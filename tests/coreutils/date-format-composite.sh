date -d @1767225600 '+%F %T %D %R'
