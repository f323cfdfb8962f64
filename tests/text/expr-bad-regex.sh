expr a : '\('; echo rc=$?
