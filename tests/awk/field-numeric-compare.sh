printf '10\n9\n100\n' | awk '$1 > 50'
