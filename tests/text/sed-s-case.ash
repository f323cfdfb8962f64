status: 0
--- stdout
uhello uworld
UHello
LABCE Udef
--- stderr
