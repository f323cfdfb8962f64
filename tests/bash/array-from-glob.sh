touch a.txt b.txt; files=(*.txt); echo ${#files[@]} ${files[1]}
