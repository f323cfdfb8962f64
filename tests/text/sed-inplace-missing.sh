sed -i 's/a/b/' nofile; echo rc=$?
