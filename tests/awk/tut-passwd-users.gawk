status: 0
--- stdout
root
daemon
www-data
learner
--- stderr
