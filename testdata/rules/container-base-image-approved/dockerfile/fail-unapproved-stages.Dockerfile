# syntax=docker/dockerfile:1
FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/api ./cmd/api

FROM registry.example.com/golden/distroless-static:1.4 AS runtime
COPY --from=build /out/api /api
USER 65532:65532
ENTRYPOINT ["/api"]
