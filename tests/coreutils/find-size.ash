status: 0
--- stdout
.
./big
./small
--- stderr
