printf 'x\n' | sed '1i\    indented'
