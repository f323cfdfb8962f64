printf 'a.b\na.bc\n' | grep -xF a.b
