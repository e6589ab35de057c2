# syntax=docker/dockerfile:1
ARG TOOLS_IMAGE=registry.example.com/golden/tools:3
ARG UNSET_IMAGE
FROM registry.example.com/golden/go-builder:1.22 AS build
RUN --mount=type=bind,from=registry.example.com/golden/linters:2,target=/linters \
    --mount=type=cache,target=/root/.cache \
    go build -o /out/api ./cmd/api

FROM build AS Test
RUN --mount=type=bind,from=build,source=/out,target=/out /out/api --self-test

FROM alpine:3.20@sha256:1111111111111111111111111111111111111111111111111111111111111111
COPY --from=build /out/api /api
COPY --from=0 /out/api /api0
COPY --from=test /etc/passwd /tmp/passwd
COPY --from=${TOOLS_IMAGE} /bin/tool /bin/tool
COPY --from=${UNSET_IMAGE} /bin/other /bin/other
ONBUILD COPY --from=build /out/api /api
USER 10001
ENTRYPOINT ["/api"]
