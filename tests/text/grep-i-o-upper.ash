status: 0
--- stdout
      1 ERROR
      1 Error
      1 error
--- stderr
