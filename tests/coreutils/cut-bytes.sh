echo abcdef | cut -b3-
