status: 0
--- stdout
Sat Nov  7 09:46:39 UTC 3170843
--- stderr
