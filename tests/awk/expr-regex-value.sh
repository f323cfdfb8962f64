echo abc | awk '{x = /b/; y = /z/; print x, y}'
