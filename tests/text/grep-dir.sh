mkdir d; grep x d; echo rc=$?
