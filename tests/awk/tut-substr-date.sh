echo '2024-03-15T10:20:30Z' | awk '{print substr($0, 1, 10)}'
