echo x | awk '/[a/'
