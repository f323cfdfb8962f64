a=(abc de); echo ${#a[0]} ${#a[1]} ${#a}
