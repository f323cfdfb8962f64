f() { return 3; }; f; echo $?; (exit 4); echo $?; exit 5
