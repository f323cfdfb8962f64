echo a | awk '{exit 5} END {}'; echo $?
