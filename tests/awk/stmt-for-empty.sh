awk 'BEGIN {for (;;) {if (++n > 3) break}; print n}'
