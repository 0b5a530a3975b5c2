import type { Config } from "@react-router/dev/config";

export default {
  appDirectory: "src",
  // The browser tests build into their own folder so they never race a developer's build.
  buildDirectory: process.env.PONTE_BUILD_DIR ?? "build",
  ssr: true,
} satisfies Config;
