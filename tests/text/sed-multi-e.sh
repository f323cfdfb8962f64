echo hello | sed -e 's/h/H/' -e 's/o/O/'
