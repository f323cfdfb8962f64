printf 'a bb c\ndddd e f\n' | column -t
