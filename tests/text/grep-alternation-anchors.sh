printf 'start\nmiddle\nend\n' | grep -E '^s|d$'
