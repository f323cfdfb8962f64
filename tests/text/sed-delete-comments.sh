printf '# c\nx=1\n\n# d\ny=2\n' | sed -e '/^#/d' -e '/^$/d'
