# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim
ARG NPM_TOKEN
ENV NODE_ENV=production \
    DATABASE_PASSWORD_FILE=/run/secrets/db_password \
    API_TOKEN=${API_TOKEN}
WORKDIR /app
COPY . .
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
USER node
