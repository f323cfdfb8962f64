a=$RANDOM; b=$RANDOM; [[ $a != $b ]] && echo differ; (( a >= 0 && a < 32768 )) && echo range
