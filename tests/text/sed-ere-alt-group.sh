echo 'abcd' | sed -E 's/(a|ab)(c|bcd)/[\1][\2]/'
