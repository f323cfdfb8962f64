status: 0
--- stdout
rmi 1a2b3c4d5e6f abcdef012345
--- stderr
