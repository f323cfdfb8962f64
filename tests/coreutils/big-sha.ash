status: 0
--- stdout
f5e02aa71e67f41d79023a128ca35bad86cf7b6656967bfe0884b3a3c4325eaf  -
--- stderr
