echo 'FooBarFOO' | grep -oi foo
