status: 0
--- stdout
banana split
anan
--- stderr
