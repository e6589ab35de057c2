FROM registry.example.com/mirror/alpine:3.20
COPY --from=docker.io/library/busybox:1.36 /bin/busybox /bin/busybox
RUN --mount=type=bind,from=quay.io/example/tools:1,target=/t /t/setup
USER 10001
