touch a b c; find . -type f ! -name a | sort
