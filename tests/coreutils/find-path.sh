mkdir -p a/b; touch a/b/f; find . -path './a/*' | sort
