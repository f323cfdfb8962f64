printf -- '-v\nx\n' > f; grep -- -v f
