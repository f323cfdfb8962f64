HOME=/root awk 'BEGIN {print ENVIRON["HOME"]}'
