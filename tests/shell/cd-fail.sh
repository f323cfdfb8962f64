cd /nonexistent-dir; echo "status $?"
