seq 3; seq 2 4; seq 1 2 7
