basename -s .c /x/a.c
