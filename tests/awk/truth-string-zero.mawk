status: 0
--- stdout
string 0 is true
number 0 is false
--- stderr
