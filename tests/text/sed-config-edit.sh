printf 'listen 80;\nserver_name localhost;\n' > nginx.conf; sed -i 's/listen 80;/listen 8080;/' nginx.conf; cat nginx.conf
