status: 0
--- stdout
hello world
alias greet='echo hello'
alias ll='ls -a'
alias ll='ls -a'
status 1
hello
hello
3 quoted words
status 1
hello from function
--- stderr
bash: alias: nope: not found
bash: e: command not found
bash: unalias: e: not found
