echo hi | tee f; cat f
