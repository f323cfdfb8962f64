echo x > f; readlink f; echo status=$?
