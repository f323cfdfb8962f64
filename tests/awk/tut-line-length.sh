printf 'short\nmuch longer line\n' | awk 'length > 6'
