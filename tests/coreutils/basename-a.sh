basename -a /a/b /c/d
