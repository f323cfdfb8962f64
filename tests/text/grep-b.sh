printf 'one\ntwo\nthree\n' | grep -b t
