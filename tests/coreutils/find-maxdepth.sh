mkdir -p a/b/c; find . -maxdepth 2 | sort
