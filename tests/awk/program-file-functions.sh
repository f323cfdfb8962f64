printf 'function twice(x) {\n  return x * 2\n}\n{ print twice($1) }\n' > p.awk
printf '4\n5\n' | awk -f p.awk
