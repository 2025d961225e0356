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
    // (PageView), and the big libraries only those pages use get chunks of their own, so the
    // start-up chunk holds the shell and the list alone (docs/BENCHMARKS.md, "Starting the app").
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Only the named package goes to its chunk; its own imports (React) stay shared.
          includeDependenciesRecursively: false,
          groups: [{ name: "querybuilder", test: /node_modules[\\/]react-querybuilder[\\/]/ }],
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    // antd components are slow to mount in jsdom on 2 cores.
    testTimeout: 20000,
  },
});
