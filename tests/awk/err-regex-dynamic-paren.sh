echo x | awk '$0 ~ "(" {print}'
