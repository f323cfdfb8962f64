awk 'BEGIN { if }'
