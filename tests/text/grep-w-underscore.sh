printf 'foo_bar\nfoo bar\nfoo-bar\n' | grep -w foo
