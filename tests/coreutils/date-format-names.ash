status: 0
--- stdout
Thu Thursday Jan January 001 4 4
--- stderr
