printf 'VERSION=1.2.3\nNAME=app\n' > env.txt
awk -F= '/^VERSION/ {print $2}' env.txt
