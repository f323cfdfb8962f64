printf '12345' | dd bs=2 of=f status=noxfer; cat f; echo
