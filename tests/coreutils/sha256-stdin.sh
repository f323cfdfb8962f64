printf 'hello\n' | sha256sum
