FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY deploy/id_ed25519 /root/.ssh/id_ed25519
COPY --chown=node:node config/.env.production ./.env
COPY src ./src
USER node
