echo a > a; ln -s a l; ln -s a l; echo status=$?
