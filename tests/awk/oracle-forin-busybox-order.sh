awk 'BEGIN { a["x"]; a[1]; a[2]; a["k"]; a["y"]; a[10]; a["alpha"]; a["beta"]; for (k in a) n = n " " k; print n }'
awk 'BEGIN { split("a b c d e f g h i j k l", a); delete a[3]; a[3]; for (k in a) printf "%s ", k; print "" }'
