greet() { echo "hello $1"; return 3; }
greet world; echo "status $?"
