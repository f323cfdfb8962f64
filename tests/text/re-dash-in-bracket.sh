echo 'a-b' | sed 's/[-]/+/'
