touch a b; find . -type f -exec echo got {} \; | sort
