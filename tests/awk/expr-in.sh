awk 'BEGIN {a["x"]=1; print ("x" in a), ("y" in a); if (!("z" in a)) print "no z"; print length(a)}'
