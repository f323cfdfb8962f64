seq -f '%03g' 3; seq -f 'n%g' 1 2
