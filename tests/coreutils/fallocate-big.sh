fallocate -l 500M big; wc -c < big; rm big
