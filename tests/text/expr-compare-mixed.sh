expr 10 \> 9; expr 10 \> 9a; expr a = a
