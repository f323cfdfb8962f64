a=(1 2 3); a[5]=six; echo ${a[@]}; echo ${!a[@]}; echo ${#a[@]}; a+=(seven); echo ${a[@]}; echo ${a[-1]}
