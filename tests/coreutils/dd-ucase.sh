printf 'hello\n' | dd conv=ucase status=none
