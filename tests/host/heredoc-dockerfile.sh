mkdir -p demo && cd demo
WHO=learner
cat > Dockerfile <<EOF
FROM alpine:3.19
RUN echo "built by $WHO"
CMD ["echo", "hi"]
EOF
cat Dockerfile
cat <<'END' > quoted.txt
no $expansion here
END
cat quoted.txt
wc -l < Dockerfile
