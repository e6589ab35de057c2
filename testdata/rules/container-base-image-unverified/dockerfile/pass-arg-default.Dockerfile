ARG BASE_IMAGE=registry.example.com/golden/builder:2
ARG RUNTIME_TAG=3.20
FROM ${BASE_IMAGE} AS build
RUN make

FROM alpine:${RUNTIME_TAG}
COPY --from=build /out/app /app
USER 10001
