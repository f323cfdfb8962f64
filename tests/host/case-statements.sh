for x in apple banana cherry; do
  case "$x" in
    a*) echo "$x starts with a";;
    *an*) echo "$x has an";;
    *) echo "$x other";;
  esac
done
