awk 'BEGIN {print match("abc", /^b/), match("abc", /c$/), RSTART, RLENGTH}'
