printf 'a\nBEGIN\nx\ny\nEND\nb\n' | sed -n '/BEGIN/,/END/{/BEGIN/!{/END/!p}}'
