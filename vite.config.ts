import path from "node:path";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig(({ isSsrBuild }) => ({
  // The server build's entry is the Hono app, so one process serves API and pages.
  build: isSsrBuild ? { rollupOptions: { input: "./src/server/entry.ts" } } : {},
  plugins: [reactRouter()],
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "src") } },
  server: { watch: { ignored: ["**/data/**", "**/build/**"] } },
}));
