echo 'GET /x' | awk '$1 ~ "^(GET|POST)$" {print "method", $1}'
