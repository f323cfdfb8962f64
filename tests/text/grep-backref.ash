status: 0
--- stdout
abab
xyxy
--- stderr
