FROM registry.example.com/golden/go-builder:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/api ./cmd/api

FROM build AS test
RUN go test ./...

FROM alpine:3.20@sha256:1111111111111111111111111111111111111111111111111111111111111111
COPY --from=build /out/api /api
USER 10001
ENTRYPOINT ["/api"]
