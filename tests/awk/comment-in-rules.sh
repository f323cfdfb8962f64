printf 'x\n' | awk '# only comment
{ print } # print it'
