seq 1 6 | sed -n '/[24]/{p;p}'
