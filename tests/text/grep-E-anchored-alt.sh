printf 'http://a\nhttps://b\nftp://c\n' | grep -E '^(https?)://'
