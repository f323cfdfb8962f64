date -d @1767225600 '+%a %A %b %B %j %u %w'
