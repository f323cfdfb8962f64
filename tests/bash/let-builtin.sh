let x=2+3 y=x*2; echo $x $y; let "z = 0"; echo $?; let w=1; echo $?
