awk 'BEGIN {i=5; print i++, i, ++i, i--, --i}'
