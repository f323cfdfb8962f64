status: 0
--- stdout
paris
london
paris
berlin
--- stderr
