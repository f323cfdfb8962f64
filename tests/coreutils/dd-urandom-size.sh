dd if=/dev/urandom bs=512 count=4 status=none | wc -c
