echo 'hello world' | sed 's/o/[&]/g'
