printf 'apple pie\nbanana split\ncherry tart\nApple juice\n\ndate 2024-01-15\nerror: disk full\nwarning: low memory\nERROR: timeout\nfoo_bar baz\n' > f.txt
grep -w 'app' f.txt; echo rc=$?; grep -w apple f.txt; grep -w bar f.txt; grep -w foo_bar f.txt
