echo a | sed --quiet --expression='s/a/b/p'; echo a | sed --regexp-extended 's/(a)/\1\1/'
