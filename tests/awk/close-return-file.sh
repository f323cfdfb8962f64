printf 'x\n' > f
awk 'BEGIN {getline l < "f"; print close("f"), close("nope")}'
