FROM alpine:3.20 AS build
RUN echo hi > /hi

FROM alpine:3.20
COPY --from=build /hi /hi
COPY --from=busybox /bin/busybox /bin/busybox
RUN --mount=type=bind,from=ghcr.io/example/tools:latest,target=/t /t/setup
USER 10001
