echo a | sed '/a/{p'; echo rc=$?
