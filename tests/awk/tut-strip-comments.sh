printf '# comment\nkey=1\n\n  # indented\nother=2\n' | awk '!/^[ \t]*#/ && NF'
