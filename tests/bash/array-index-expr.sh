a=(10 20 30); i=1; echo ${a[i]} ${a[$i]} ${a[i+1]}; a[i*2]=x; echo ${a[@]}
