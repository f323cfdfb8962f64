printf 'hello\n' > f; sha256sum f > sums; sha256sum -c sums; echo status=$?
