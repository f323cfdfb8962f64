mkdir -p a/b; touch a/x.txt a/b/y.txt a/b/z.log; find . -name '*.txt' | sort
