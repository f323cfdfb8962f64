printf 'hello' > f; stat -c %s f
