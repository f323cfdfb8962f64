echo one > f; echo two | tee -a f >/dev/null; cat f
