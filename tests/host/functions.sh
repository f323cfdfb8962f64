greet() {
  echo "hello $1"
}
greet world
greet docker
count() { echo $#; }
count a b c
f() { return 3; }
f
echo "status $?"
