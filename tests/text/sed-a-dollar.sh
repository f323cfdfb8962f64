printf 'x\ny\n' | sed '$a the end'
