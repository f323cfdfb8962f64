f=archive.tar.gz; expr "$f" : '.*\.\(.*\)'
