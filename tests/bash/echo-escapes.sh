echo "a\tb"; echo -e "a\tb"; echo -n x; echo -E "y\n"; echo -ne "z\n"
