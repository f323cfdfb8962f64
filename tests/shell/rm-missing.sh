rm gone.txt; echo "status $?"; rm -f gone.txt; echo "status $?"
