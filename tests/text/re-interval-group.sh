echo 'abababx' | grep -oE '(ab){2}'
