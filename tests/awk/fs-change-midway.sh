printf 'a:b c\nd:e f\n' | awk '{FS=":"; print $1}'
