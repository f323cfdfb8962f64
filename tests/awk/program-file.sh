printf '{ print NR ": " $0 }\n' > prog.awk
printf 'a\nb\n' | awk -f prog.awk
