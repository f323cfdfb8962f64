printf 'a\nb' | head -n 5; echo
