status: 0
--- stdout
apple pie
banana split
--
ERROR: timeout
foo_bar baz
--- stderr
