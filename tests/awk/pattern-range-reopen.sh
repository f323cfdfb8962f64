printf 's\n1\ne\n2\ns\n3\n' | awk '/s/,/e/'
