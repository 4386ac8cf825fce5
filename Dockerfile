FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json nx.json tsconfig.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY dashboard/package.json dashboard/
COPY test/package.json test/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "scripts/start.js"]
