status: 0
--- stdout
begin saw first
main second
--- stderr
