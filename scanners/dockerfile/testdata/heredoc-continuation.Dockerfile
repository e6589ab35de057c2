FROM debian:12-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        ca-certificates \
        curl \
    && rm -rf /var/lib/apt/lists/*

RUN <<EOT bash
set -eux
echo "hello"
EOT

COPY <<-EOF /etc/app.conf
	key=value
	EOF

ENV APP_HOME="/opt/app" \
    PATH=/opt/app/bin:$PATH
LABEL org.opencontainers.image.source=https://example.com/repo
