mkdir -p d; echo 'x needle' > d/a; cd d; grep -r needle .
