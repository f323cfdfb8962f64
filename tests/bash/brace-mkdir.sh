mkdir -p dir/{a,b,c}; ls dir; touch file{1..3}.txt; ls
