echo 'a  b' | awk -F'[ ]' '{print NF}'
