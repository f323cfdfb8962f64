./missing-script; echo "status $?"
