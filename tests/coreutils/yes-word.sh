yes hello | head -n 2
