expr 3 \< 5; expr 5 \< 3; echo rc=$?; expr abc = abc; expr 2 \>= 2; expr 1 != 1; echo rc=$?
