# the reference solution, written by hand
cat > Dockerfile <<EOF
FROM node:14 AS build
WORKDIR /app
COPY . .
RUN npm run build

FROM nginx:alpine
COPY --from=build /app/dist /usr/share/nginx/html
CMD ["nginx", "-g", "daemon off;"]
EOF
docker build -t site .
