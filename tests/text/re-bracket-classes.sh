echo 'aB3_ !' | sed 's/[[:alnum:]]/x/g'; echo 'aB3_ !' | sed 's/[[:punct:]]/x/g'; echo 'a b' | sed 's/[[:blank:]]/_/g'
