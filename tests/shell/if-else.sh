if [ -d / ]; then echo root-is-dir; else echo no; fi
if test 2 -gt 3; then echo bigger; elif [ a = a ]; then echo equal; fi
[ -f /nonexistent ] || echo missing
