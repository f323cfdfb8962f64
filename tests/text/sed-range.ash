status: 0
--- stdout
banana split
cherry tart
Apple juice
--- stderr
