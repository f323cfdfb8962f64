printf 's/a/b/\n2d\n' > script.sed; printf 'a\nx\na\n' | sed -f script.sed
