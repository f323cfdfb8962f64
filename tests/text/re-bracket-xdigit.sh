echo 'ff 0x1A zz' | grep -oE '[[:xdigit:]]+'
