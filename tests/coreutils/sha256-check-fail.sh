printf 'hello\n' > f; sha256sum f > sums; echo x >> f; sha256sum -c sums; echo status=$?
