mkdir d; echo hit > d/a.txt; echo hit > d/b.log; grep -r --include='*.txt' hit d; echo rc=$?
