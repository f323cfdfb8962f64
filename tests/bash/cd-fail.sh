cd /nope; echo $?; cd /etc/passwd; echo $?
