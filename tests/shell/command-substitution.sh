n=$(echo 5); echo "n=$n"; echo "files: `echo a b`"; echo "$(printf "%s-%s" x y)"
