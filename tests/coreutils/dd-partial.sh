printf 'hello world' | dd bs=4 status=noxfer | od -c | head -2
