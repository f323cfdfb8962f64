status: 0
--- stdout
Linux x86_64
Linux x86_64
--- stderr
