status: 2
--- stdout
1 --- stderr
awk: run time error: not enough arguments passed to printf("%d %d
")
	FILENAME="" FNR=0 NR=0
