// Vite builds the WebView bundle that Tauri embeds (ui/dist); vitest shares this config.
import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  // Relative asset paths: the bundle is served from Tauri's custom protocol, not a web root.
  base: "./",
  // Keep Tauri CLI output readable when both print to the same terminal.
  clearScreen: false,
  envPrefix: ["VITE_", "TAURI_"],
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Linux WebView is WebKitGTK; safari15 is the oldest engine level we need to support.
    target: "safari15",
    // A desktop bundle is read from disk, so a single large chunk costs nothing on the wire.
    chunkSizeWarningLimit: 3000,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    // antd components are slow to mount in jsdom on 2 cores.
    testTimeout: 20000,
  },
});
