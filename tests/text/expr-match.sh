expr 'hello123' : 'hello\([0-9]*\)'; expr abcdef : 'abc'; expr abcdef : 'x'; echo rc=$?
