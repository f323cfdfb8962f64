v=hello; echo ${#v}; e=; echo ${#e}; set -- a b c; echo ${#}
