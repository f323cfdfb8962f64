printf 'one\nSTART\ntwo\nEND\nthree\n' | awk '/START/,/END/'
