status: 0
--- stdout
d/a.txt:hello world
d/sub/b.txt:say hello
d/a.txt:1:hello world
d/sub/b.txt:1:say hello
d/a.txt
d/sub/b.txt
--- stderr
