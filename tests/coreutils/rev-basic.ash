status: 0
--- stdout
cba
olleh
--- stderr
