a=(); echo ${#a[@]}; for i in "${a[@]}"; do echo never; done; echo done; set -- "${a[@]}"; echo $#
