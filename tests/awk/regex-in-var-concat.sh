echo 'abc123' | awk '{re = "[0-9]" "+"; if (match($0, re)) print RSTART, RLENGTH}'
