printf abc > f; fallocate -l 100 f; wc -c < f
