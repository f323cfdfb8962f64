seq -s , 1 5; seq -s ' ' 3
