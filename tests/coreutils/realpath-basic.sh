cd /; realpath etc/../etc; realpath /usr/./bin/..
