PATH=/a:/b:/c awk 'BEGIN {n = split(ENVIRON["PATH"], p, ":"); print n, p[n]}'
