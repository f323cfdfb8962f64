A=1; B=${A:-x}; C=${UNSET:-default}; D=${UNSET-dash}; E=${A:+alt}
echo "$A $B $C $D $E"
F=hello.tar.gz; echo ${F%.gz} ${F%%.*} ${F#*.} ${#F}
