echo x | grep -l x; echo x | grep -L y
