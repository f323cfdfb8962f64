echo 'xabcx' | sed -E 's/a|ab|abc/[&]/'
