mkdir d; touch f
[ -d d ] && echo d-is-dir
[ -f f ] && echo f-is-file
[ -e missing ] || echo missing-absent
[ -s f ] || echo f-empty
test 3 -lt 10 && echo lt
[ "a" != "b" ] && echo ne
[ -z "" ] && [ -n x ] && echo zn
[ 1 -eq 1 -a 2 -eq 2 ] && echo and
[ abc = ]
echo "status $?"
[ 1 -gt ]
echo "status $?"
