printf "%s|%5s|%-5s|%d\n" a b c 42; printf "%s\n" one two
