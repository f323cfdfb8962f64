echo 'a b' | awk '{$(NF+2) = "d"; print; print NF}'
