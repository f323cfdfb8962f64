status: 0
--- stdout
APPLE BANANA CHERRY
Apple bAnana cherry
pple anana herry
banana
--- stderr
