awk '
BEGIN {
    total = 0
}

{
    total += $1
}

END {
    print "total:", total
}
' <<EOF
1
2
3
EOF
