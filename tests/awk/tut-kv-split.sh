echo 'key1=val1;key2=val2' | awk -F';' '{for (i=1;i<=NF;i++) {split($i, kv, "="); print kv[1] " -> " kv[2]}}'
