printf 'REPOSITORY   TAG       IMAGE ID       CREATED        SIZE\nnginx        latest    605c77e624dd   2 weeks ago    141MB\n<none>       <none>    1a2b3c4d5e6f   3 weeks ago    120MB\nredis        7         7614ae9453d1   4 weeks ago    113MB\n<none>       <none>    abcdef012345   5 weeks ago    99MB\n' > images.txt
awk '/none/ {print $3}' images.txt
