printf 'a\nb\n' | sed '#n
2p'
