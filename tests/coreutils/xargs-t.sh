echo a b | xargs -t echo 2>&1
