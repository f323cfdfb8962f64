mkdir d; mkdir d; echo "status $?"; mkdir -p d/e/f && ls d/e
