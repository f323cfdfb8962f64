echo 'abcabc' | grep -oE '((a)(b)c)+'
