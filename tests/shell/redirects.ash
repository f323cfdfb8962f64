status: 0
--- stdout
first
second
second
ls failed
both
--- stderr
err
