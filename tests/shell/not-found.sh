echo before; nosuchcommand arg; echo "status $?"
