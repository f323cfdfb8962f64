printf 'a\nb\nc\n' | sed 'N;s/\n/-/'
