expr 'aaab' : 'a*'; expr 'file.txt' : '.*\.'
