echo x | tee a b > /dev/null; cat a b
