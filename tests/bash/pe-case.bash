status: 0
--- stdout
HELLO WORLD
hello world
Hello World
aBC
--- stderr
