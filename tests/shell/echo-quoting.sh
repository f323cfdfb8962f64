echo "hello   world" 'single $HOME' plain\ escaped
echo -n no-newline; echo
x="a b  c"; echo $x; echo "$x"
