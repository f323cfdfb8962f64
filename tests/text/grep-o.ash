status: 0
--- stdout
ap
an
an
ar
at
ar
ar
az
--- stderr
