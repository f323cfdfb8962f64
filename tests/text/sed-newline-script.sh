echo hello | sed 's/h/H/
s/l/L/g'
