echo abcd | tr abcd xy
