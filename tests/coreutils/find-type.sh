mkdir -p a/b; touch a/x; find . -type d | sort; find . -type f
