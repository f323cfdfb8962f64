status: 0
--- stdout
Linux
Linux
x86_64
GNU/Linux
--- stderr
