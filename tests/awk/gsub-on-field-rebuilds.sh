echo 'a:b c' | awk '{gsub(/:/, " ", $1); print NF; print $0; $0 = $0; print NF}'
