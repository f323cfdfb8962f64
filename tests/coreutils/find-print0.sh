touch a; find . -name a -print0 | od -c | head -1
