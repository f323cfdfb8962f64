dd if=/dev/zero of=big bs=1M count=500 status=noxfer; wc -c < big
