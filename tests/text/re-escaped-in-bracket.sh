echo 'a\\b' | sed 's/[\\]/X/'
