echo 'ababab' | sed -E 's/(ab)*/[&]/'
