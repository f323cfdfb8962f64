status: 0
--- stdout
rc=1
apple pie
foo_bar baz
--- stderr
