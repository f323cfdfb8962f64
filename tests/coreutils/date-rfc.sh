date -R -d @0
