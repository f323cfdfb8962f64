echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | grep -cE '(a*)*b'; echo aaaaaaaaaaaaaaaaaaaaaaaaaaaa | grep -cE '(a|aa)+$'
