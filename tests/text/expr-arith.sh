expr 1 + 2; expr 10 - 3; expr 4 \* 5; expr 20 / 6; expr 20 % 6
