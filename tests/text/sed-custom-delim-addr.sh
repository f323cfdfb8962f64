printf '/usr/bin\n/etc\n' | sed -n '\,/usr,p'
