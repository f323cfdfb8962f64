date -I -d @86399
