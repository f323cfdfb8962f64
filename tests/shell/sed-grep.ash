status: 0
--- stdout
banana
2
apple
cherry
Apple
bAnAnA
cherry
apple
banana
CHERRY
status 1
--- stderr
