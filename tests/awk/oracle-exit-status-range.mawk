status: 0
--- stdout
big 255
small 1
nan 1
huge 255
wrap 2
--- stderr
