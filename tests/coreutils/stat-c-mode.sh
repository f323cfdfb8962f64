printf x > f; chmod 640 f; stat -c '%a %A' f
