printf 'a\nb' | awk '{print NR ": " $0}'
