yes | head -c 7; echo
