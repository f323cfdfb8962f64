awk 'BEGIN {cmd = "printf \"3\\n1\\n2\\n\" | sort"; while ((cmd | getline v) > 0) print "v", v; close(cmd)}'
