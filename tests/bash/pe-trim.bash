status: 0
--- stdout
archive.tar archive tar.gz gz
c /a/b
--- stderr
