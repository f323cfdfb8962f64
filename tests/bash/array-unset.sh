a=(1 2 3 4); unset a[1]; echo ${a[@]}; echo ${!a[@]}; unset a; echo "[${a[@]}]"
