printf 'hello world\n' > f; tail -c +7 f
