expr -5 + 2; expr 5 - 10
