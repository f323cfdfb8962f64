printf 'hello world\n' > f; tail -c 6 f
