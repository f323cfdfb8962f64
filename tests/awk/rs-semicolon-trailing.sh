printf 'x;y;\n' | awk -v RS=';' '{print "[" $0 "]"}'
