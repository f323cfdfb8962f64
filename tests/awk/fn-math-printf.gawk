status: 0
--- stdout
2.7183 2.3026 0.7854
--- stderr
