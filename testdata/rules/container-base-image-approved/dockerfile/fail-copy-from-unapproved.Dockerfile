# syntax=docker/dockerfile:1
ARG TOOLS_IMAGE=docker.io/evil/tools:2
FROM registry.example.com/golden/go-builder:1.22 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=bind,from=ghcr.io/evil/linters:1,target=/linters \
    go build -o /out/api ./cmd/api

FROM alpine:3.20@sha256:1111111111111111111111111111111111111111111111111111111111111111
COPY --from=build /out/api /api
COPY --from=docker.io/evil/tools:latest /bin/x /bin/x
COPY --from=${TOOLS_IMAGE} /bin/y /bin/y
ONBUILD COPY --from=quay.io/evil/onbuild:1 /bin/z /bin/z
USER 10001
ENTRYPOINT ["/api"]
