for (( i = 0; i < 3; i++ )); do echo $i; done; for ((j=10; j>0; j-=4)); do echo j$j; done
