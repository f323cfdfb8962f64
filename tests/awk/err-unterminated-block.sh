echo x | awk '{print $1'
