echo a > a; echo b > b; ln -s a l; ln -sf b l; readlink l; cat l
