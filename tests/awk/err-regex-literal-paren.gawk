status: 1
--- stdout
--- stderr
awk: cmd. line:1: error: Unmatched ( or \(: /(/
