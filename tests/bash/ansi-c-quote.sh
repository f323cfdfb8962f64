echo $'a\tb'; echo $'line1\nline2'; echo $'it\'s'; printf '%s\n' $'\x41\101'
