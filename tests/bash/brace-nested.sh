echo {a,b{1,2},c}; echo pre{x,{y,z}}post; echo {1..3}{a,b}
