printf 'abab\nabcd\nxyxy\n' | grep '\(..\)\1'
