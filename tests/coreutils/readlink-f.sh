mkdir -p d/e; ln -s d/e l; cd l; cd ..; readlink -f /etc/../etc
