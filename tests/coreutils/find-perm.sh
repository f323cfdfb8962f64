touch a b; chmod 755 a; chmod 644 b; find . -perm 755
