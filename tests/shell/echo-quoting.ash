status: 0
--- stdout
hello   world single $HOME plain escaped
no-newline
a b c
a b  c
--- stderr
