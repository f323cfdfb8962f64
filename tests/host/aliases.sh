alias greet='echo hello'
greet world
alias ll='ls -a'
alias
alias ll
alias nope
echo "status $?"
alias twice='greet; greet'
twice
alias e=echo
e $((1+2)) "quoted words" > out.txt
cat out.txt
unalias e
e again
unalias e
echo "status $?"
f() { greet from function; }
f
unalias -a
alias
