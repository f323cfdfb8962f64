echo 'a]b-c' | awk '{gsub(/[]-]/, "_"); print}'
