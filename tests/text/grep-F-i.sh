printf 'Hello\nhello\nHELLO world\n' | grep -Fi hello
