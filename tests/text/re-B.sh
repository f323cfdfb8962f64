echo 'abc a' | sed 's/a\B/X/g'
