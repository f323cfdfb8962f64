set -x
a=1
echo "a is $a" > /dev/null
echo done
