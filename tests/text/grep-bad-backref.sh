echo aa | grep '\(a\)\2'; echo rc=$?
