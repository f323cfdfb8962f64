printf '2024-01-01 INFO start\n2024-01-01 ERROR boom\n2024-01-01 WARN hmm\n' | grep -E 'ERROR|WARN' | wc -l
