status: 0
--- stdout
deb http://mirror.example.com/debian bookworm main
--- stderr
