status: 0
--- stdout
bye bye bye
--- stderr
