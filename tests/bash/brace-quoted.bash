status: 0
--- stdout
{a,b}
{a}
ac d bc d
{a,b}
1 2
--- stderr
