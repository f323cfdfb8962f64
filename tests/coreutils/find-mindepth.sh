mkdir -p a/b/c; find . -mindepth 2 | sort
