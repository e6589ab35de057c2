FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN curl -fsSLo /tmp/install-poetry.py https://install.python-poetry.org \
    && echo "9ef2a0a3d4e6b1c2f0e8a7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392  /tmp/install-poetry.py" | sha256sum -c - \
    && python3 /tmp/install-poetry.py
RUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin
USER 10001
