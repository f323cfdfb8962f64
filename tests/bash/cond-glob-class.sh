[[ x5 == x[0-9] ]] && echo digit; [[ foo.tar.gz == *.gz ]] && echo gz; [[ "" == "" ]] && echo empty
