echo x | sed -e 'a\' -e 'added'
