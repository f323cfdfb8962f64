status: 2
--- stdout
--- stderr
awk: run time error: not enough arguments passed to printf("%5%|
")
	FILENAME="" FNR=0 NR=0
