printf 'k1:v1\nk2:v2\n\nk3:v3\n' | awk 'BEGIN {RS=""; FS=":"} {print NF, $2, $3}'
