(( 1 + 1 )) && echo two; (( 0 )) || echo zero; x=5; (( x > 3 )) && echo big; (( x++ )); echo $x
