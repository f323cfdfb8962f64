status: 0
--- stdout
rc=1
--- stderr
sed: can't find label for jump to 'nowhere'
