status: 0
--- stdout
md6 d64 64 md6
x64 :usr:local:bin /usr/local/bin /usr/local/bin amd64 a64
.
--- stderr
