# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN curl -sSL https://install.python-poetry.org | python3 -
RUN curl -fsSL https://deb.nodesource.com/setup_20.x \
      | bash - \
    && apt-get install -y nodejs
RUN <<EOF
set -eux
wget -qO- https://get.example.dev/cli.sh | sh
EOF
RUN curl -fsSLo /tmp/rustup.sh https://sh.rustup.rs && sh /tmp/rustup.sh -y
USER 10001
