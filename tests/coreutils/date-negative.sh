date -d @-86400
