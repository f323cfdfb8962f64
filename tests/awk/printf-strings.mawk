status: 0
--- stdout
[       abc][abc       ][ab][    a]
--- stderr
