printf 'deb http://deb.debian.org/debian bookworm main\n' > sources.list; sed -i 's|deb.debian.org|mirror.example.com|g' sources.list; cat sources.list
