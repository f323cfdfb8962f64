ls nope; echo "status $?"
