status: 7
--- stdout
bye
--- stderr
