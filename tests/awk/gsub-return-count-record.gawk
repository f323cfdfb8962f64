status: 0
--- stdout
3 xxx bbb 2
--- stderr
