status: 0
--- stdout
6 all=release-1.22.3-rc1 major=1 minor=22 patch=3 pre=rc1
groups: 2 []
key|value
abcd a bcd
no match: 0
number
--- stderr
