echo '1.2.3' | awk '{gsub(/\./, "-"); print}'
