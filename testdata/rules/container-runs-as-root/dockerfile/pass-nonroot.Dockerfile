FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/worker ./cmd/worker
USER root

FROM alpine:3.20
RUN apk add --no-cache ca-certificates && adduser -D -u 10001 worker
COPY --from=build /out/worker /usr/local/bin/worker
USER 10001:10001
ENTRYPOINT ["worker"]
