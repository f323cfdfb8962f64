status: 0
--- stdout
1 1 default dash alt
hello.tar hello tar.gz 12
--- stderr
