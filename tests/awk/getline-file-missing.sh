awk 'BEGIN {r = (getline line < "/nonexistent"); print r}'
