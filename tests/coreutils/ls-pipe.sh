touch b a c; ls | cat
