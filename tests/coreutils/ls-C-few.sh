touch a bb ccc; mkdir dd; ls -C; ls -C -1; ls -1 -C
