seq 1 4 | sed -n '$!{h;d};x;p'
