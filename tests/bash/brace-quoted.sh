echo "{a,b}"; echo {a}; echo {a,b}"c d"; echo \{a,b\}; x=1; echo {$x,2}
