echo a; /nope/x; echo $?
