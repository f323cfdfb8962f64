declare -A m=([a]=x [b]=y); echo ${m[a]}${m[b]}; m[c]=z; echo ${#m[@]}; [[ -v m[a] ]] && echo set
