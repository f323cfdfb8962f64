printf '1\n2\n3\n4\n' | sed -n '$!N;P;D'
