status: 0
--- stdout
Thu, 01 Jan 1970 00:00:00 +0000
--- stderr
