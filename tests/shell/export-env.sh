FOO=bar
sh -c 'echo "child sees [$FOO]"'
export FOO
sh -c 'echo "child sees [$FOO]"'
BAZ=inline sh -c 'echo "inline [$BAZ]"'
echo "after [$BAZ]"
env | grep '^FOO='
