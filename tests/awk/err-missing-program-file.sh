awk -f /nonexistent.awk
