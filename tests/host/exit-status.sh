false
echo $?
true && echo and-ran
false || echo or-ran
false && echo never
! false && echo negated
nosuchcommand
echo $?
