echo "first line
second line"
echo 'single
quoted'
echo one \
  two \
  three
