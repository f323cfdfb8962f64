find nodir; echo status=$?
