dirname /usr/lib/file.txt; dirname /usr/lib/; dirname file; dirname /; dirname a/b
