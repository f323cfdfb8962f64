echo hi > t; ln -s t l; cat l; readlink l
