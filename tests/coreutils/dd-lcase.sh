printf 'HeLLo\n' | dd conv=lcase status=none
