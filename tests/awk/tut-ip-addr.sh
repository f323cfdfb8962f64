printf '1: lo    inet 127.0.0.1/8 scope host lo\n2: eth0    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0\n' | awk '/eth0/ {split($3, a, "/"); print a[1]}'
