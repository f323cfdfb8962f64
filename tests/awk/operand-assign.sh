printf 'a b\n' > f
awk '{print x, $1}' x=1 f x=2 f
