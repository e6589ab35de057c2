FROM python:3.12-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        ca-certificates=20230311 \
        curl \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir requests==2.32.3 flask
RUN <<EOF
set -e
npm install -g pnpm
gem install bundler
EOF
RUN go install golang.org/x/tools/gopls@latest
USER 10001
