awk 'BEGIN {x=0; print x<0 ? "neg" : x==0 ? "zero" : "pos"}'
