printf 'abc\n123\nx1\n' | grep '^[^0-9]*$'
