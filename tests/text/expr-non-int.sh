expr a + 1; echo rc=$?
