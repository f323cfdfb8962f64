touch z y; ls z y
