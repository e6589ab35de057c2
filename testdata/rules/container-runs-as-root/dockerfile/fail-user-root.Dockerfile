FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends nginx \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 web
USER web
COPY site/ /var/www/html/
USER root
CMD ["nginx", "-g", "daemon off;"]
