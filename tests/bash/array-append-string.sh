s=ab; s+=cd; echo $s; n=(1); n+=(2 3); echo ${n[@]}
