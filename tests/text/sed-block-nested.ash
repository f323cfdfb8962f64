status: 0
--- stdout
3!
5!
7!
--- stderr
