printf 'hello\n' > f; sha256sum f
