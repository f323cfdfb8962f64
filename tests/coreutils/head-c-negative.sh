printf 'hello world\n' > f; head -c -7 f; echo
