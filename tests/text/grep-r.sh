mkdir -p d/sub; echo 'hello world' > d/a.txt; echo 'say hello' > d/sub/b.txt; echo bye > d/c.txt; grep -r hello d | sort; grep -rn hello d | sort; grep -rl hello d | sort
