echo 'ababx' | awk '{gsub(/(ab)+/, "Y"); print}'
