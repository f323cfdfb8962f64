printf '1\n2\n3\n' | awk '$1==2 {next} {print}'
