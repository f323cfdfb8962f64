expr match 'abc' 'a.c'
