echo 'x123y' | sed -r 's/[0-9]+/N/'
