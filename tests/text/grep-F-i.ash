status: 0
--- stdout
Hello
hello
HELLO world
--- stderr
