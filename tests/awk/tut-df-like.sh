printf 'Filesystem 1K-blocks Used Available Use%% Mounted\noverlay 100 45 55 45%% /\ntmpfs 64 0 64 0%% /dev\n' | awk 'NR>1 && $5+0 > 10 {print $6, $5}'
