echo in | cat - ; echo x | cat /dev/stdin
