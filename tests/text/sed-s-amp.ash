status: 0
--- stdout
hell[o] w[o]rld
--- stderr
