printf 'x\ny\n' | grep --line-buffered x
