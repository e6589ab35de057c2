# syntax=docker/dockerfile:1
FROM debian:12-slim
COPY <<EOF /usr/local/bin/install-cli
#!/bin/sh
set -eux
curl -fsSLo /tmp/cli.sh https://get.example.dev/cli.sh
echo "3f1c5e2a9b8d7c6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e  /tmp/cli.sh" | sha256sum -c -
sh /tmp/cli.sh
EOF
RUN chmod +x /usr/local/bin/install-cli && /usr/local/bin/install-cli
COPY <<EOF /usr/local/bin/not-run
curl -fsSL https://get.example.dev/cli.sh | sh
EOF
RUN cat /usr/local/bin/not-run && ls /usr/local/bin
USER 10001
