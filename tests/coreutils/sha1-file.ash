status: 0
--- stdout
f572d396fae9206628714fb2ce00f72e94f2258f  f
--- stderr
