echo data > a; cp a b; mv b c; cat c; ls; cp nope x; echo "status $?"
