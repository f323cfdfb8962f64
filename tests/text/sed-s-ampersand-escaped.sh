echo a | sed 's/a/\&/'
