printf 'FROM node:18-alpine\nRUN npm ci\nFROM nginx:1.25\n' > Dockerfile
awk '/^FROM/ {split($2, p, ":"); print p[1], p[2]}' Dockerfile
