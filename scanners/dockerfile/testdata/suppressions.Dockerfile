# tollgate:ignore=docker-base-image-pinned reason="global arg, applies everywhere"
ARG BASE=alpine:3.20
FROM ${BASE} AS app
# a plain comment
# tollgate:ignore=docker-user-root,docker-run-curl-pipe reason="bootstrap needs \"root\"" expires=2030-01-31
RUN curl -fsSL https://example.com/install.sh | sh

# tollgate:ignore=docker-no-add reason=short

ADD app.tar.gz /app
# tollgate:ignore=Bad_ID
USER app
