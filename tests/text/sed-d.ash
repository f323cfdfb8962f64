status: 0
--- stdout
apple pie
banana split
cherry tart
Apple juice
date 2024-01-15
error: disk full
warning: low memory
ERROR: timeout
foo_bar baz
--- stderr
