echo x | awk '/(/'
