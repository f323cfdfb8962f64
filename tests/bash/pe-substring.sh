s=abcdefgh; echo ${s:2}; echo ${s:2:3}; echo ${s: -3}; echo ${s: -3:2}; echo ${s:(-2)}; echo ${s:1:-2}; echo "[${s:20}]"
