mkdir d; cat d; echo status=$?
