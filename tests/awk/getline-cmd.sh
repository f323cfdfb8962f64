awk 'BEGIN {"echo hello; echo world" | getline x; print x; "echo hello; echo world" | getline y; print y}'
