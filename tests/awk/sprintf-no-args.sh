awk 'BEGIN {print sprintf("plain")}'
