printf 'color\ncolour\n' | sed -E 's/colo(u)?r/[\1]/'
