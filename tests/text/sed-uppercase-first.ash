status: 0
--- stdout
Uhello world
--- stderr
