status: 0
--- stdout
docker rm def456
--- stderr
