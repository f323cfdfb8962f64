status: 0
--- stdout
0000000   h   e   l   l   o       w   o   r   l   d
0000013
--- stderr
2+1 records in
2+1 records out
