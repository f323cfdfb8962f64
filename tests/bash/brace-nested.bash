status: 0
--- stdout
a b1 b2 c
prexpost preypost prezpost
1a 1b 2a 2b 3a 3b
--- stderr
