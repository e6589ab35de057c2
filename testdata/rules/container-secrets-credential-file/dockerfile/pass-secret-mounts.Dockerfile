# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
COPY certs/corporate-ca.pem /usr/local/share/ca-certificates/corporate-ca.crt
COPY .env.example ./
COPY src ./src
USER node
