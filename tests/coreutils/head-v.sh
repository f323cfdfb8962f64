printf 'a\n' > x; head -v x
