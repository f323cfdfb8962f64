status: 0
--- stdout
bcd
ace
ab
--- stderr
