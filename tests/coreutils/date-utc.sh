date -u -d @86400
