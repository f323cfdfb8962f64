status: 0
--- stdout
xbxcx
--- stderr
