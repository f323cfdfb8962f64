status: 1
--- stdout
--- stderr
dd: invalid argument 'lcase' to 'conv'
