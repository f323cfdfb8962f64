status: 0
--- stdout
inf -inf inf -inf nan -nan inf -nan
1 inf nan 0
--- stderr
