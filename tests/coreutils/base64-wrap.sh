head -c 100 /dev/zero | base64 -w 20
