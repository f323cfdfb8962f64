status: 0
--- stdout
f: FAILED
status=1
--- stderr
sha256sum: WARNING: 1 of 1 computed checksums did NOT match
