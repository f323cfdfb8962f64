printf 'hello\n' > f; sha1sum f
