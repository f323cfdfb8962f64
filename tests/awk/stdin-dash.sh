echo from-stdin | awk '{print FILENAME ":" $0}' -
