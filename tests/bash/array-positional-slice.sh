set -- a b c d; echo ${@:2}; echo ${@:2:2}; echo ${*: -1}; echo ${#@}
