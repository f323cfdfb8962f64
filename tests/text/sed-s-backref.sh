echo 'john smith' | sed 's/\(.*\) \(.*\)/\2, \1/'
