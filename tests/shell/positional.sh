set -- a "b c" d
echo "$#: $1 | $2 | $3"
for arg in "$@"; do echo "<$arg>"; done
shift
echo "$# $*"
f() { echo "f got $# args: $1"; return 3; }
f x y
echo "ret $?"
