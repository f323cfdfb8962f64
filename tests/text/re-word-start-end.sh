echo 'the other then' | sed 's/\<the\>/X/g'
