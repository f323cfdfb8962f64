status: 0
--- stdout
got ./a
got ./b
--- stderr
