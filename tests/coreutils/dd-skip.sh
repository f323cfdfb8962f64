printf '0123456789' > f; dd if=f bs=2 skip=2 count=2 status=none; echo
