FROM alpine:3.20
RUN apk add --no-cache git
RUN git clone https://x-access-token:ghp_R2d2C3poBb8Ewok1Yoda9Luke7Leia4Han6So@github.com/acme/internal-lib.git /src
ENV AWS_DEFAULT_REGION=eu-west-1 \
    AWS_ACCESS_KEY_ID=AKIAZ3MSJV4WWNKWW5FG
USER 10001
