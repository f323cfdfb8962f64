echo 'ab' | grep -c 'a\(b$\)'
