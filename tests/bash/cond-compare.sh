[[ a < b ]] && echo lt; [[ b > a ]] && echo gt; [[ 10 -gt 9 ]] && echo num; [[ 1+1 -eq 2 ]] && echo arith
