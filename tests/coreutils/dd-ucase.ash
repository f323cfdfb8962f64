status: 1
--- stdout
--- stderr
dd: invalid argument 'ucase' to 'conv'
