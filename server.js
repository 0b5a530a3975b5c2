// Starts Ponte from the production build (`npm run build` first; `npm start` does both).
import fs from "node:fs";

if (!fs.existsSync(new URL("./build/server/index.js", import.meta.url))) {
  console.error("Ponte is not built yet: run `npm run build` (or `npm start`, which builds first).");
  process.exit(1);
}
const { start } = await import("./build/server/index.js");
await start();
