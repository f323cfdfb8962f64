date -d junk; echo status=$?
