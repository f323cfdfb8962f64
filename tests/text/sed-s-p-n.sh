printf 'apple pie\nbanana split\ncherry tart\nApple juice\n\ndate 2024-01-15\nerror: disk full\nwarning: low memory\nERROR: timeout\nfoo_bar baz\n' > f.txt
sed -n 's/error/ERR/p' f.txt
