echo 'x=1;y=2;' | awk '{sub(/=.*;/, "="); print}'
