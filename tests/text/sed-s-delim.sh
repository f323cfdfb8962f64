echo /usr/local/bin | sed 's|/usr/local|/opt|'; echo a:b | sed 's:a:c:'
