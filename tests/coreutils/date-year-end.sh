date -d @1767225599 '+%Y %j %U %W'
