# syntax=docker/dockerfile:1
FROM python:3.12-slim@sha256:3333333333333333333333333333333333333333333333333333333333333333 AS build
RUN --mount=type=bind,from=ghcr.io/astral-sh/uv:0.4@sha256:5555555555555555555555555555555555555555555555555555555555555555,source=/uv,target=/bin/uv \
    uv pip install --system -r requirements.txt

FROM gcr.io/distroless/python3-debian12@sha256:4444444444444444444444444444444444444444444444444444444444444444
COPY --from=build /usr/local /usr/local
RUN --mount=type=bind,from=build,target=/b true
USER 65532
