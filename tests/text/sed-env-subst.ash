status: 0
--- stdout
host=db
port=5432
--- stderr
