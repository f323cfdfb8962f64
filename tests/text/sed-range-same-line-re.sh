printf 'x\nx\ny\n' | sed -n '/x/,/x/p'
