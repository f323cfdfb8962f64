printf 'PATH=/bin\nHOME=/root\nHOSTNAME=abc\n' | grep -E '^(HOME|PATH)='
