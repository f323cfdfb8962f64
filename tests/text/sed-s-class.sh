echo 'a1b2c3' | sed 's/[[:digit:]]/#/g'
