printf "a\tb\n\n\n\nc\n" > f; cat -s f; cat -E f; cat --show-ends --squeeze-blank f; cat -T f; cat --number f
