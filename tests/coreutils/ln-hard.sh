echo a > a; ln a b; cat b
