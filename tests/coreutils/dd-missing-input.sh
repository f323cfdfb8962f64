dd if=nofile of=f status=none; echo status=$?
