status: 0
--- stdout
a-rather-long-file-name     x
another-quite-long-name     y
third-one-with-a-long-name  z
--- stderr
