printf 'a\nb\n' | awk 'BEGIN {ORS=";"} {print} END {printf "\n"}'
