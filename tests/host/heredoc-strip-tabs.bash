status: 0
--- stdout
one
two
done
--- stderr
