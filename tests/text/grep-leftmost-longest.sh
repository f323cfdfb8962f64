echo 'xyz abcd' | grep -oE '(a|ab)(c|bcd)'; echo 'abcd' | grep -oE 'a|ab|abc|abcd'
