printf 'a\nb' | sed 's/b/c/'; echo; printf 'a' | sed p
