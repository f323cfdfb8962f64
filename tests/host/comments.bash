status: 0
--- stdout
one
two
three # not a comment
four#notacomment
--- stderr
