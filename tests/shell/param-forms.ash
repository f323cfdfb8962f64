status: 2
--- stdout
hello.tar hello tar.gz gz 12
default dash set set
[d] [] [] [alt]
assigned
--- stderr
/bin/sh: nope: is required
