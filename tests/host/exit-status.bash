status: 0
--- stdout
1
and-ran
or-ran
negated
127
--- stderr
bash: nosuchcommand: command not found
