echo {a,b,c}; echo x{1,2}y; echo {a,b}{c,d}
