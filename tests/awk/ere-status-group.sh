echo 'GET /index.html 200' | awk '$3 ~ /^(2|3)[0-9][0-9]$/ {print "ok", $2}'
