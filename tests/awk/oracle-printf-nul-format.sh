awk 'BEGIN { f = sprintf("%c", ""); printf "a" f "b\n"; s = sprintf("x%cy", 0); print length(s); printf "[%-4c]", ""; printf "[%4c]|%s[%-3c]\n", "", "t", 0 }' | tr '\0' @
