printf 'id,name,score\n1,ann,90\n2,bob,85\n' | awk -F, 'NR > 1 {sum += $3; n++} END {printf "avg=%.2f\n", sum / n}'
