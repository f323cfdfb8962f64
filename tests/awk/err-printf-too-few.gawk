status: 2
--- stdout
--- stderr
awk: cmd. line:1: fatal: not enough arguments to satisfy format string
	`%d %d
'
	    ^ ran out for this one
