#!/usr/bin/env node
// The `ponte` operations command. Runs the TypeScript sources through tsx, so it works
// in a checkout right after `npm ci`, with the same configuration as the server.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
