status: 1
--- stdout
--- stderr
bash: line 1: ${x!}: bad substitution
