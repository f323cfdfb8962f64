echo 'abc' | sed -E 's/(|a)b/[&]/'
