printf 'a\n' | sed '# comment
s/a/b/ # trailing'
