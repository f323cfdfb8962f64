printf 'a b\0c\0' | xargs -0 -n 1 echo
