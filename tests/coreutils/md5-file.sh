printf 'hello\n' > f; md5sum f
