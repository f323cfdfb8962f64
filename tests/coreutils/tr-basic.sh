echo hello | tr a-z A-Z; echo hello | tr el ip
