printf '  hello  \n' | sed 's/^[ \t]*//;s/[ \t]*$//' | od -c | head -2
