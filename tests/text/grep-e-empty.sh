printf 'a\n\nb\n' | grep -e '' -c
