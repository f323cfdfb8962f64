seq 1 5 | sed '$!N;$!D'
