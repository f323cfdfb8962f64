printf 'abc' > f; md5sum f > s; md5sum -c s
