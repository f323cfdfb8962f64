printf 'x\n' > f1
awk 'BEGIN {ARGV[1]="f1"} {print FILENAME, $0}' nope
