printf '# comment\nkey=value\n  # indented\nother=1\n' | grep -Ev '^[[:space:]]*(#|$)'
