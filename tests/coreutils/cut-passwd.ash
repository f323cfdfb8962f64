status: 0
--- stdout
root:/root
bin:/bin
--- stderr
