# syntax=docker/dockerfile:1
FROM python:3.12-slim@sha256:3333333333333333333333333333333333333333333333333333333333333333 AS build
RUN --mount=type=bind,from=ghcr.io/astral-sh/uv:0.4,source=/uv,target=/bin/uv \
    uv pip install --system -r requirements.txt
RUN --mount=type=cache,target=/root/.cache \
    --mount=type=secret,id=pip,from=ghcr.io/example/secrets:1,target=/run/secrets/pip \
    true
ONBUILD RUN --mount=type=bind,from=ghcr.io/example/helpers:2,target=/h /h/run

FROM gcr.io/distroless/python3-debian12@sha256:4444444444444444444444444444444444444444444444444444444444444444
COPY --from=build /usr/local /usr/local
COPY --from=ghcr.io/example/config:1.0 /etc/app /etc/app
USER 65532
