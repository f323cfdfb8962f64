status: 2
--- stdout
--- stderr
awk: run time error: not enough arguments passed to printf("%d")
	FILENAME="-" FNR=2 NR=2
