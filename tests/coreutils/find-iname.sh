touch A.TXT b.txt; find . -iname '*.txt' | sort
