# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22
ARG BASE_REGISTRY
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app
USER builder

FROM build AS test
RUN go test ./...

FROM gcr.io/distroless/static@sha256:3f2b1a2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
