printf 'CONTAINER ID   IMAGE          COMMAND                  STATUS\n3f2a1b9c8d7e   nginx:latest   "/docker-entrypoint.…"   Up 2 hours\n9e8d7c6b5a4f   redis:7        "docker-entrypoint.s…"   Up 5 minutes\n' > ps.txt
awk 'NR>1 {print $1}' ps.txt
