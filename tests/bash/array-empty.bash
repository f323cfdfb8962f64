status: 0
--- stdout
0
done
0
--- stderr
