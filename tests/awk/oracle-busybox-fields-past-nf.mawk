status: 0
--- stdout
---
---
0 0 0
0 1 0
0 1
--- stderr
