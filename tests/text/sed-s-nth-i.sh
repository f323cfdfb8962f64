echo 'Aa aA' | sed 's/a/x/2I'
