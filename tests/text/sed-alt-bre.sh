printf 'cat\ndog\ncow\n' | sed -n '/cat\|dog/p'
