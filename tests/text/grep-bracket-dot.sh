printf 'a.b\naxb\n' | grep 'a[.]b'
