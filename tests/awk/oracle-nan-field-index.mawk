status: 0
--- stdout
nan 2
neg 2
0
big 0
--- stderr
awk: run time error: negative field index $nan
	FILENAME="" FNR=0 NR=0
awk: run time error: negative field index $-2.14748e+09
	FILENAME="" FNR=0 NR=0
