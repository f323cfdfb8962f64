status: 0
--- stdout
1xexit 2
--- stderr
awk: run time error: not enough arguments passed to printf("%d%")
	FILENAME="" FNR=0 NR=0
awk: run time error: improper conversion(number 1) in printf("x%qy
")
	FILENAME="" FNR=0 NR=0
awk: run time error: not enough arguments passed to printf("%0
")
	FILENAME="" FNR=0 NR=0
