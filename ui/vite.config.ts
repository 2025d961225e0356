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
    // A desktop bundle is read from disk, so chunk size costs nothing on the wire; what costs is
    // evaluating code at start. The pages other than the customer list are loaded when opened
    // (PageView), and the libraries only those pages use (react-querybuilder) stay in those
    // pages' chunks, so the start-up chunks hold the shell and the list alone (docs/BENCHMARKS.md,
    // "Starting the app"). No hand-made chunk groups: one cut react-querybuilder off from its
    // dependencies and made two chunks import each other (scripts/check-chunks.mjs).
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
