dd if=/dev/zero ibs=10 obs=3 count=2 status=noxfer | wc -c
