status: 0
--- stdout
./a:x needle
--- stderr
