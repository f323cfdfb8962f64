printf 'a\nb\n' | awk 'NR == 2 { NR = 7; FNR = "x"; printf "%d" }'
