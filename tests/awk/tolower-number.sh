awk 'BEGIN {print toupper(1e3), tolower("ÀB")}'
