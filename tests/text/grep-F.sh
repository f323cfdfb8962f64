printf 'a.b\naxb\n[x]\n' > f; grep -F a.b f; grep -F '[x]' f; grep a.b f
