printf '1.2.3.4 - - [x] "GET / HTTP/1.1" 200 512\n5.6.7.8 - - [x] "GET /a HTTP/1.1" 404 0\n1.2.3.4 - - [x] "GET / HTTP/1.1" 200 512\n' | awk '{c[$9]++} END {for (s in c) print s, c[s]}' | sort
