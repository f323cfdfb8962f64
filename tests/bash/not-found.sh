echo a; foo; echo $?
