printf 'a:bb\nccc:d\n' | column -t -s :
