status: 0
--- stdout
[@][][     ][@  ]
[abc][ de][f][]
[ ][    ][    ]
[][     ][i]
--- stderr
