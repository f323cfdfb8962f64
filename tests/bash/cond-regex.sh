x=abc123; [[ $x =~ [0-9]+ ]] && echo "match ${BASH_REMATCH[0]}"; [[ $x =~ ^[a-z]+$ ]] || echo nomatch
