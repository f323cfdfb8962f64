printf 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nlearner:x:1000:1000::/home/learner:/bin/sh\n' > passwd
awk -F: '$7 == "/bin/bash" {print $1, $6}' passwd
