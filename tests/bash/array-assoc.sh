declare -A m; m[one]=1; m[two]=2; echo ${m[one]} ${m[two]}; echo ${#m[@]}; for k in "${!m[@]}"; do echo "$k=${m[$k]}"; done | sort
