status: 0
--- stdout
not true: 1
not false: 0
pipe: 0
fallback
subshell: 7
subst: 4
--- stderr
