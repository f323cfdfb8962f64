printf 'foo\nbar\n' | awk -v re='^b' '$0 ~ re'
