printf '0123456789' > f; printf 'ab' | dd of=f bs=1 seek=3 status=none; cat f; echo
