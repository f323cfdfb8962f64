basename /usr/lib/file.txt; basename /usr/lib/; basename file
