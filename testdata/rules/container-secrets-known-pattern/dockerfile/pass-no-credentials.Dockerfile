# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN apk add --no-cache git
RUN --mount=type=secret,id=gh_token \
    git clone "https://x-access-token:$(cat /run/secrets/gh_token)@github.com/acme/internal-lib.git" /src
ENV AWS_DEFAULT_REGION=eu-west-1
USER 10001
