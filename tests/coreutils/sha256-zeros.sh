truncate -s 1M z; sha256sum z
