status: 0
--- stdout
3
lead|and|tabs
--- stderr
