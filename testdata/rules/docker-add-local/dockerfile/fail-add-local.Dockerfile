FROM alpine:3.20
ADD requirements.txt /app/
ADD --chown=10001:10001 src/ config.yaml /app/
USER 10001
