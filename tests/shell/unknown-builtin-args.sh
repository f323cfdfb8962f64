cd /nonexistent/dir
echo "cd: $?"
exit foo
