unset u; echo ${u:-def} ${u-d2}; e=; echo "${e:-empty}" "[${e-unset}]"; echo ${u:=set}; echo $u; echo ${e:+alt} ${u:+alt}
