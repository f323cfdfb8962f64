dd if=/dev/zero of=big bs=1M count=5 status=noxfer; wc -c < big
