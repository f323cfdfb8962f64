a=amd64; p=/usr/local/bin
echo "${a:1:3} ${a:2} ${a: -2} ${a:1:-1}"
echo "${a/amd64/x64} ${p//\//:} ${p/#\/usr/X} ${p/%bin/sbin} ${a/z/y} ${a/md}"
echo ${TARGETARCH/amd64/x64}.
