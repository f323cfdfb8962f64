awk 'BEGIN { s = "a\\"; print match("xa\\b", s), gsub("\\", "-", s), s }'
