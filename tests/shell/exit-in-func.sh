check() {
  if [ "$1" -gt 5 ]; then
    echo big
  else
    echo small
    exit 3
  fi
}
check 9
check 2
echo never
