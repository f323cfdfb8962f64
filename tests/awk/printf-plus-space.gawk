status: 0
--- stdout
+1.50  1.50 -2
--- stderr
