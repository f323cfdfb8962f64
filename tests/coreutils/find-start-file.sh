touch a; find a
