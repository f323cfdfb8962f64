head -c 10000000 /dev/zero | sha256sum
