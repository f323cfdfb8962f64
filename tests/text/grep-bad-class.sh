echo a | grep '[[:foo:]]'; echo rc=$?
