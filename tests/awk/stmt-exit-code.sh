echo x | awk '{exit 3}'; echo "status $?"
