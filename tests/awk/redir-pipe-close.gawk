status: 0
--- stdout
a
z
done
--- stderr
