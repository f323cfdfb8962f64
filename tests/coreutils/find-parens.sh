mkdir d; touch a b d/a; find . \( -name a -o -name b \) -type f | sort
