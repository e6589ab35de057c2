# syntax=docker/dockerfile:1
FROM debian:12-slim AS build
COPY <<EOF /usr/local/bin/install-cli
#!/bin/sh
set -eux
curl -fsSL https://get.example.dev/cli.sh | sh # expect: docker-run-remote-script-unverified
EOF
RUN chmod +x /usr/local/bin/install-cli && /usr/local/bin/install-cli

FROM debian:12-slim
WORKDIR /opt/setup
COPY --from=build /usr/local/bin/install-cli ./
COPY <<'EOT' fetch.sh
set -eu
wget -qO /tmp/agent.sh https://agent.example.com/install.sh
sh /tmp/agent.sh # expect: docker-run-remote-script-unverified
EOT
RUN sh fetch.sh && ./install-cli
RUN cat > /usr/local/bin/bootstrap <<'EOF'
set -e
  wget -qO- https://boot.example.org/run | bash -s -- --yes # expect: docker-run-remote-script-unverified
EOF
RUN bash -c /usr/local/bin/bootstrap
USER 10001
