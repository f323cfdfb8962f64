printf 'CONTAINER ID   IMAGE   COMMAND\nabc123   nginx   "nginx -g"\ndef456   redis   "redis-server"\n' > ps.txt; cat ps.txt | grep nginx; cat ps.txt | grep -v CONTAINER | grep -c .
