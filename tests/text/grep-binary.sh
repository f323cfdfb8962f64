printf 'abc\0def\nxyz\n' > bin; grep abc bin; echo rc=$?; grep -c xyz bin; grep -a xyz bin
