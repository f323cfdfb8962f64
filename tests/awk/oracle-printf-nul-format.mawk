status: 0
--- stdout
a3
[@   ][   @]|t[@  ]
--- stderr
