seq 4 > f; split -d -l 2 f; ls x*
