# Multi-stage: build with dev dependencies, run with production dependencies only.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Where docker-compose.yml mounts the audit log's volume (AUDIT_LOG_FILE); the app runs as node.
RUN mkdir -p /var/log/bvs && chown node:node /var/log/bvs
USER node
CMD ["node", "dist/apps/api/src/main.js"]
