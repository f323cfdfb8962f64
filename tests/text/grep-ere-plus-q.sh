printf 'color\ncolour\ncolouur\n' | grep -E 'colou?r'
