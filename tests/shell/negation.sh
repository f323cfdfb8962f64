! true
echo "not true: $?"
! false
echo "not false: $?"
false | true
echo "pipe: $?"
true && false || echo "fallback"
(exit 7)
echo "subshell: $?"
x=$(exit 4)
echo "subst: $?"
