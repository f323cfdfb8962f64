echo 'a b' | awk '{ NF = 4; print; $0 = "x  y"; NF = 3; print; OFS = "-"; NF = 5; print; i = 0; while (i < 3) { NF = NF + 1; i++ }; print }'
