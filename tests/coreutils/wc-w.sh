printf 'one two  three\n\tfour\n' | wc -w
