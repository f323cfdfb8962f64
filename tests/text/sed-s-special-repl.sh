echo path | sed 's/path/\/usr\/bin/'
