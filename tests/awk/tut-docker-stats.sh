printf 'web 12.5%%\ndb 3.25%%\n' | awk '{gsub(/%%/, "", $2); total += $2} END {print total}'
