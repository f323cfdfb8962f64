true && echo yes || echo no
false && echo yes || echo no
! false && echo negated
