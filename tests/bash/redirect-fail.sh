echo hi > /nope/x; echo $?; cat < /nofile; echo $?; echo x > /etc; echo $?
