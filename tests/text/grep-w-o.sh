echo 'foo foobar barfoo foo' | grep -ow foo
