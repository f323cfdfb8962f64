status: 0
--- stdout
apple starts with a
banana has an
cherry other
--- stderr
