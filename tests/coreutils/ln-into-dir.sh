mkdir d; echo x > f; ln -s ../f d; readlink d/f
