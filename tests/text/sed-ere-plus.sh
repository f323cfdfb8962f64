echo 'aaa b' | sed -E 's/a+/X/'
