printf 'x\nS\n1\nE\ny\nS\n2\nE\n' | sed -n '/S/,/E/p'
