status: 0
--- stdout
x[abc]x
--- stderr
