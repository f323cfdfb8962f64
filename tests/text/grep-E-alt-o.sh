echo abcd | grep -oE 'a|ab|abc'
