printf 'a\nstart\nb\nc\nend\nd\n' | sed -n '/start/,/end/p'
