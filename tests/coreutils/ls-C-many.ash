status: 0
--- stdout
alpha     delta     golf      juliet    mike      papa      sierra
bravo     echo      hotel     kilo      november  quebec    tango
charlie   foxtrot   india     lima      oscar     romeo
0000000   a   l   p   h   a                       d   e   l   t   a    
0000020                   g   o   l   f                           j   u
0000040   l   i   e   t                   m   i   k   e                
--- stderr
