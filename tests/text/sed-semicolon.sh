echo hello | sed 's/h/H/;s/o/O/'
