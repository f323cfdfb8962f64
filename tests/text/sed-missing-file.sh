sed p nofile; echo rc=$?; echo a > f; sed -n p f nofile; echo rc=$?
