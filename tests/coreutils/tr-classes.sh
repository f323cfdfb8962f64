echo 'Hello World 123' | tr '[:lower:]' '[:upper:]'; echo 'a1b2' | tr -d '[:digit:]'
