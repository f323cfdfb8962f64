printf 'a\n\n#c\nb\n' | grep -v '^#' | grep -v '^$'
