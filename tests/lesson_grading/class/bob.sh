# nginx's default page is not the built site
cat > Dockerfile <<EOF
FROM nginx:alpine
EOF
docker build -t site .
