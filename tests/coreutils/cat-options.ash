status: 0
--- stdout
a^Ib^A$
$
$
$
c^?$
     1	a	b
     2	
     3	
     4	
     5	c
     6	x
     7	
     8	y
     1	a	b



     2	c
     3	x

     4	y
a	b^A$
$
$
$
c^?$
a^Ib^A



c^?
a	b^A



c^?
--- stderr
