awk 'BEGIN {print tolower("MiXeD 123"), toupper("MiXeD 123")}'
