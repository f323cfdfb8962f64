printf 'hello world\n' > f; head -c 5 f; echo; head -c5 f; echo
