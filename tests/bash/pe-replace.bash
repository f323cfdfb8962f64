status: 0
--- stdout
bye-world-hello
bye-world-bye
X-world-hello
hello-world-Y
hell-wrld-hell
--- stderr
