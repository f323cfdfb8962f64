status: 0
--- stdout
hello world
  indented
literal $name
--- stderr
