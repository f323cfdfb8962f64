expr b \> a; expr 10 \< 9; expr abc \< abd
