touch b a c; ls -1
