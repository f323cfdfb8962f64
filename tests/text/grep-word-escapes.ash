status: 0
--- stdout
foo
bar_baz
42
1
--- stderr
