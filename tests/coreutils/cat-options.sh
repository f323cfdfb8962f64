printf "a\tb\001\n\n\n\nc\177\n" > f; printf "x\n\ny" > g; cat -A f; cat -n f g; cat -b f g; cat -e f; cat -t f; cat -v f
