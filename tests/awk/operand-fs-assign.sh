printf 'a:b\n' > f
awk '{print $1}' f FS=: f
