status: 0
--- stdout
hello world
hello world!
default
5
child sees hi
after unset: []
--- stderr
