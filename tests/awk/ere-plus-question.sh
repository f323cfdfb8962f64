printf 'color\ncolour\ncolouur\n' | awk '/colou?r/'
