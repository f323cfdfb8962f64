status: 2
--- stdout
--- stderr
awk: cmd. line:1: (FILENAME=- FNR=1) fatal: invalid regexp: Unmatched ( or \(: /(/
