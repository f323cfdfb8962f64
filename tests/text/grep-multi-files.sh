printf 'apple pie\nbanana split\ncherry tart\nApple juice\n\ndate 2024-01-15\nerror: disk full\nwarning: low memory\nERROR: timeout\nfoo_bar baz\n' > f.txt
echo 'apple tree' > g.txt; grep apple f.txt g.txt; grep -h apple f.txt g.txt; grep -c apple f.txt g.txt
