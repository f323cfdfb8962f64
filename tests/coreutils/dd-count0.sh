dd if=/dev/zero of=f bs=1 count=0 status=noxfer; wc -c < f
