printf 'a\nb\n' | sed '/a/a after'; printf 'a\nb\n' | sed 'a\
line2'
