status: 0
--- stdout
a b  
x y 
x-y---
x-y------
--- stderr
