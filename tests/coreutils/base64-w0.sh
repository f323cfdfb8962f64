head -c 60 /dev/zero | base64 -w 0; echo
