echo abcdef | cut -c2-4; echo abcdef | cut -c1,3,5; echo abcdef | cut -c-2
