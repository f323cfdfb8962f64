status: 0
--- stdout
-rw-r--r-- 1234 5678
1234 5678
--- stderr
