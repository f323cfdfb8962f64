dd if=/dev/zero bs=100 count=3 status=noxfer | wc -c
