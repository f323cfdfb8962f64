seq 1 5 | sed '2,4c gone'
