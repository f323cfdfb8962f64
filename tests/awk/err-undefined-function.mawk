status: 2
--- stdout
--- stderr
awk: line 2: function f never defined
