echo 'aaaa' | sed 's/aa/X/g'
