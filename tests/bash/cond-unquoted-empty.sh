x=; [[ $x == "" ]] && echo empty; [[ -z $x ]] && echo z; y="a b"; [[ $y == "a b" ]] && echo nosplit
