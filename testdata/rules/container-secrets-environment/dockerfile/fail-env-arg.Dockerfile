FROM node:20-bookworm-slim
ARG NPM_TOKEN=5c1f0b9e-3a7d-4f2e-9b8c-1d2e3f4a5b6c
ARG BUILD_DATE
ENV NODE_ENV=production \
    DATABASE_PASSWORD="Winter2024!"
WORKDIR /app
COPY . .
RUN npm ci
USER node
