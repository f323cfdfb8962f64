printf 'a b c\nd e\n' | awk 'NR==1 {getline; print NF, $0, NR, FNR}'
