status: 0
--- stdout
cdef
--- stderr
