awk 'function setg() {g = "set"} BEGIN {setg(); print g}'
