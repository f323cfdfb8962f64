status: 0
--- stdout
FROM alpine:3.19
RUN echo "built by learner"
CMD ["echo", "hi"]
no $expansion here
3
--- stderr
