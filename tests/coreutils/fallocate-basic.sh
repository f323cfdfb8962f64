fallocate -l 1M f; wc -c < f
