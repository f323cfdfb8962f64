status: 0
--- stdout
smith, john
--- stderr
