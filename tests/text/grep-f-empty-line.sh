printf 'zz\n\n' > pats; printf 'a\nb\n' | grep -c -f pats
