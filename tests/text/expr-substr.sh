expr substr hello 2 3
