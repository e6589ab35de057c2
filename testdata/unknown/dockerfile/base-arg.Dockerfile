ARG BASE
ARG TOOLS=registry.example.com/tools:1.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
FROM ${BASE}
COPY --from=${TOOLS} /bin/tool /usr/local/bin/tool
USER app
