# dockersim: a stand-in for the installed Flask package (the evaluator models flask)
