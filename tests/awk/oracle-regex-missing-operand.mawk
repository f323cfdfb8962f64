status: 0
--- stdout
awk: run time error: regular expression compile failed (missing operand)
+5
	FILENAME="" FNR=0 NR=0
+5 2
awk: run time error: regular expression compile failed (missing operand)
x|*
	FILENAME="" FNR=0 NR=0
x|* 2
awk: run time error: regular expression compile failed (missing operand)
a|
	FILENAME="" FNR=0 NR=0
a| 2
awk: run time error: regular expression compile failed (missing operand)
|a
	FILENAME="" FNR=0 NR=0
|a 2
awk: run time error: regular expression compile failed (missing operand)
a||b
	FILENAME="" FNR=0 NR=0
a||b 2
awk: run time error: regular expression compile failed (missing operand)
()
	FILENAME="" FNR=0 NR=0
() 2
awk: run time error: regular expression compile failed (syntax error ^* or ^+)
^*
	FILENAME="" FNR=0 NR=0
^* 2
2
a(|b) 0
1
x(a||b) 0
1
a** 0
3
[+]5 0
--- stderr
