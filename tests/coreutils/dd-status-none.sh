dd if=/dev/zero of=big bs=1k count=3 status=none; wc -c < big
