awk 'BEGIN{x = /abcdefghijklmnop}' </dev/null
