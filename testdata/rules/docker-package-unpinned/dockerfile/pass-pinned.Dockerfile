FROM python:3.12-slim
ENV PG_VERSION=16.4-1.pgdg120+1
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        ca-certificates=20230311 \
        "postgresql-client-16=$PG_VERSION" \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
RUN <<EOF
set -e
npm install -g pnpm@9.1.0
gem install bundler -v 2.5.11
EOF
RUN go install golang.org/x/tools/gopls@v0.16.1
USER 10001
